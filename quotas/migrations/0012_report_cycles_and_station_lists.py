# What a region's policy pack asks of its stations beside the rules: the monthly report, a weekly
# status, a quarterly meeting (R17), the items on every station's service and negative lists
# (R19); the records of weekly statuses, quarterly meetings and station list items.

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0005_person_education_secondary_school'),
        ('quotas', '0011_monthly_report_cases_and_time'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='QuarterlyMeeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('held_on', models.DateField(verbose_name='召开日期')),
                ('attendees', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1, message='参会人数至少为 1。')], verbose_name='参会人数')),
                ('minutes', models.TextField(verbose_name='会议纪要')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='记录时间')),
            ],
            options={
                'verbose_name': '季度例会',
                'verbose_name_plural': '季度例会',
                'ordering': ['-held_on', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='StationListItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('service', '专业服务清单'), ('negative', '负面工作清单')], max_length=10, verbose_name='清单')),
                ('text', models.CharField(max_length=100, verbose_name='事项')),
                ('source', models.CharField(blank=True, help_text='来自政策文件的事项注明出处。', max_length=300, verbose_name='依据')),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='添加时间')),
            ],
            options={
                'verbose_name': '站点清单事项',
                'verbose_name_plural': '站点清单事项',
                'ordering': ['service_point', 'kind', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='WeeklyStatus',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('week', models.DateField(help_text='该周星期一。', verbose_name='周')),
                ('text', models.CharField(max_length=500, verbose_name='本周动态')),
                ('written_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='填写时间')),
            ],
            options={
                'verbose_name': '每周动态',
                'verbose_name_plural': '每周动态',
                'ordering': ['-week', 'service_point'],
            },
        ),
        migrations.AddField(
            model_name='policypack',
            name='negative_list',
            field=models.JSONField(blank=True, help_text='["事项", …]', null=True, verbose_name='负面工作清单事项'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='negative_list_source',
            field=models.CharField(blank=True, max_length=200, verbose_name='负面工作清单依据'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='quarterly_meeting',
            field=models.BooleanField(blank=True, help_text='辖区每季度召开例会并留存记录（R17）。', null=True, verbose_name='季度例会'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='quarterly_meeting_source',
            field=models.CharField(blank=True, max_length=200, verbose_name='季度例会依据'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='report_covers_current_month',
            field=models.BooleanField(blank=True, help_text='是：报送当月进度（如云龙县每月 26 日前报送当月建设进度表）；否：报送上月情况；留空：本政策包不规定月报。', null=True, verbose_name='月报报送当月情况'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='report_name',
            field=models.CharField(blank=True, help_text='如“社工站建设进度表”；留空即“月报”。', max_length=50, verbose_name='月报名称'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='report_source',
            field=models.CharField(blank=True, max_length=200, verbose_name='月报依据'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='service_list',
            field=models.JSONField(blank=True, help_text='["事项", …]', null=True, verbose_name='专业服务清单事项'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='service_list_source',
            field=models.CharField(blank=True, max_length=200, verbose_name='专业服务清单依据'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='weekly_status',
            field=models.BooleanField(blank=True, help_text='站点每周报送一段简短的工作动态（R17）。', null=True, verbose_name='每周动态'),
        ),
        migrations.AddField(
            model_name='policypack',
            name='weekly_status_source',
            field=models.CharField(blank=True, max_length=200, verbose_name='每周动态依据'),
        ),
        migrations.AlterField(
            model_name='policypack',
            name='report_due_day',
            field=models.PositiveSmallIntegerField(blank=True, help_text='报送月份（当月或次月）的几号前报送（含当日）；文件未规定时留空，不标注逾期。', null=True, verbose_name='月报截止日'),
        ),
        migrations.AddConstraint(
            model_name='policypack',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('report_covers_current_month__isnull', True), ('report_due_day__isnull', True), ('report_name', '')), models.Q(('report_covers_current_month__isnull', False), models.Q(('report_source', ''), _negated=True)), _connector='OR'), name='policy_pack_report_cycle_cited', violation_error_message='规定月报时须写明报送当月还是上月情况，并注明依据；截止日和名称只能随月报设置。'),
        ),
        migrations.AddConstraint(
            model_name='policypack',
            constraint=models.CheckConstraint(condition=models.Q(('weekly_status__isnull', True), models.Q(('weekly_status_source', ''), _negated=True), _connector='OR'), name='policy_pack_weekly_status_cited', violation_error_message='设置此项时须注明依据。'),
        ),
        migrations.AddConstraint(
            model_name='policypack',
            constraint=models.CheckConstraint(condition=models.Q(('quarterly_meeting__isnull', True), models.Q(('quarterly_meeting_source', ''), _negated=True), _connector='OR'), name='policy_pack_quarterly_meeting_cited', violation_error_message='设置此项时须注明依据。'),
        ),
        migrations.AddConstraint(
            model_name='policypack',
            constraint=models.CheckConstraint(condition=models.Q(('service_list__isnull', True), models.Q(('service_list_source', ''), _negated=True), _connector='OR'), name='policy_pack_service_list_cited', violation_error_message='设置此项时须注明依据。'),
        ),
        migrations.AddConstraint(
            model_name='policypack',
            constraint=models.CheckConstraint(condition=models.Q(('negative_list__isnull', True), models.Q(('negative_list_source', ''), _negated=True), _connector='OR'), name='policy_pack_negative_list_cited', violation_error_message='设置此项时须注明依据。'),
        ),
        migrations.AddField(
            model_name='quarterlymeeting',
            name='recorded_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='quarterlymeeting',
            name='region',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='quarterly_meetings', to='directory.region', verbose_name='区域'),
        ),
        migrations.AddField(
            model_name='stationlistitem',
            name='added_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='stationlistitem',
            name='service_point',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='list_items', to='directory.servicepoint', verbose_name='服务站点'),
        ),
        migrations.AddField(
            model_name='weeklystatus',
            name='by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='weeklystatus',
            name='service_point',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='weekly_statuses', to='directory.servicepoint', verbose_name='服务站点'),
        ),
        migrations.AddConstraint(
            model_name='quarterlymeeting',
            constraint=models.CheckConstraint(condition=models.Q(('attendees__gte', 1)), name='quarterly_meeting_has_attendees', violation_error_message='参会人数至少为 1。'),
        ),
        migrations.AddConstraint(
            model_name='stationlistitem',
            constraint=models.UniqueConstraint(fields=('service_point', 'kind', 'text'), name='station_list_item_once', violation_error_message='清单中已有该事项。'),
        ),
        migrations.AddConstraint(
            model_name='stationlistitem',
            constraint=models.CheckConstraint(condition=models.Q(('text', ''), _negated=True), name='station_list_item_has_text', violation_error_message='请填写事项。'),
        ),
        migrations.AddConstraint(
            model_name='weeklystatus',
            constraint=models.UniqueConstraint(fields=('service_point', 'week'), name='weekly_status_once_per_week', violation_error_message='该站点这一周的动态已存在。'),
        ),
        migrations.AddConstraint(
            model_name='weeklystatus',
            constraint=models.CheckConstraint(condition=models.Q(('week__week_day', 2)), name='weekly_status_week_is_monday', violation_error_message='周必须以星期一表示。'),
        ),
    ]
