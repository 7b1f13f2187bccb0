# Monthly reports record cases opened and closed (R9: a year's cases completed are those closed
# in it), hours on the negative list's administrative tasks (R19, never service: R18), key clients
# and visits (R20); the due day is the region's policy, so a report may have none (R17).

import django.core.validators
import django.db.models.expressions
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('quotas', '0010_region_targets'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='monthlyreport',
            name='monthly_report_service_within_work',
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='admin_hours',
            field=models.PositiveIntegerField(default=0, help_text='人员用于本站负面工作清单所列行政事务的工时；这些工时不计为专业服务（R19）。', validators=[django.core.validators.MaxValueValidator(100000, message='不能超过 %(limit_value)s。')], verbose_name='其中负面清单事项时长（小时）'),
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='cases_closed',
            field=models.PositiveIntegerField(default=0, help_text='每个个案只在结案的月份计一次；年度完成个案数按此累计（R9）。', validators=[django.core.validators.MaxValueValidator(10000, message='不能超过 %(limit_value)s。')], verbose_name='本月结案个案数'),
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='cases_opened',
            field=models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(10000, message='不能超过 %(limit_value)s。')], verbose_name='本月新开个案数'),
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='key_clients',
            field=models.PositiveIntegerField(default=0, help_text='本月应探访的重点对象人数（R20）。', validators=[django.core.validators.MaxValueValidator(10000, message='不能超过 %(limit_value)s。')], verbose_name='重点对象数'),
        ),
        migrations.AddField(
            model_name='monthlyreport',
            name='key_clients_visited',
            field=models.PositiveIntegerField(default=0, validators=[django.core.validators.MaxValueValidator(10000, message='不能超过 %(limit_value)s。')], verbose_name='本月已探访重点对象数'),
        ),
        migrations.AlterField(
            model_name='monthlyreport',
            name='cases_served',
            field=models.PositiveIntegerField(default=0, help_text='本月提供过服务的个案，含跟进中的；同一个案会在多个月份出现，不用于年度个案数。', validators=[django.core.validators.MaxValueValidator(10000, message='不能超过 %(limit_value)s。')], verbose_name='本月服务中的个案数'),
        ),
        migrations.AlterField(
            model_name='monthlyreport',
            name='due_on',
            field=models.DateField(blank=True, help_text='本地区政策未规定截止日时为空。', null=True, verbose_name='报送截止日'),
        ),
        migrations.AlterField(
            model_name='policyrule',
            name='measure',
            field=models.CharField(choices=[('training_minutes', '培训学时'), ('training_days', '培训天数'), ('supervision_received', '接受督导学时'), ('station_supervision', '站点督导学时'), ('station_cases', '站点年度完成个案数'), ('linked_supervisors', '挂钩督导专家人数'), ('certified_staff', '持证专职社工人数'), ('intermediate_staff', '中级及以上社工人数'), ('certified_share', '持证或社工专业人员占比'), ('full_time_staff', '专职人员数'), ('service_time_share', '专业服务时间占比'), ('key_client_visits', '重点对象月探访率')], max_length=30, verbose_name='考核内容'),
        ),
        migrations.AddConstraint(
            model_name='monthlyreport',
            constraint=models.CheckConstraint(condition=models.Q(('service_hours__lte', django.db.models.expressions.CombinedExpression(models.F('work_hours'), '-', models.F('admin_hours')))), name='monthly_report_service_and_admin_within_work', violation_error_message='专业服务时长与负面清单事项时长之和不能超过工作总时长。'),
        ),
        migrations.AddConstraint(
            model_name='monthlyreport',
            constraint=models.CheckConstraint(condition=models.Q(('key_clients_visited__lte', models.F('key_clients'))), name='monthly_report_visited_within_key_clients', violation_error_message='已探访重点对象数不能超过重点对象数。'),
        ),
    ]
