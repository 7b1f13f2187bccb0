"""`manage.py import_policy_documents DIR`: every *.txt of DIR as a document of the policy
library (created if missing), matched by file name; a second run changes nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.selectors import policy_library as selectors
from cms.services import policy_library


class Command(BaseCommand):
    help = "导入政策文件（文件夹中的 *.txt）到政策文件库；按文件名更新，重复运行不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument("folder", help="存放政策文件（UTF-8 纯文本 *.txt）的文件夹")

    def handle(self, *args, folder: str, **options):
        try:
            done = policy_library.policy_documents_import(folder=Path(folder))
        except policy_library.PolicyFolderError as error:
            raise CommandError(str(error)) from error
        actions = {
            policy_library.CREATED: _("新建"),
            policy_library.UPDATED: _("更新"),
            policy_library.UNCHANGED: _("未变"),
        }
        for page, action, clauses in done:
            line = _("%(action)s：《%(title)s》（%(file)s，%(count)s 条）") % {
                "action": actions[action],
                "title": page.title,
                "file": page.source_file,
                "count": clauses,
            }
            self.stdout.write(line)
        library = selectors.policy_library()
        summary = _("共 %(count)s 份文件，政策文件库：%(url)s")
        self.stdout.write(summary % {"count": len(done), "url": library.url})
