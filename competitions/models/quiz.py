"""The question bank and the online rounds of knowledge and skills contests (R14)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from competitions import quiz
from competitions.models.contests import Competition


class Question(models.Model):
    """A question of a region's bank. `options` lists the choices in order (true/false: 正确,
    错误); `key` lists the indexes of the right ones."""

    class Kind(models.TextChoices):
        SINGLE = quiz.SINGLE, _("单选题")
        MULTIPLE = quiz.MULTIPLE, _("多选题")
        TRUE_FALSE = quiz.TRUE_FALSE, _("判断题")

    class Difficulty(models.IntegerChoices):
        EASY = 1, _("容易")
        MEDIUM = 2, _("中等")
        HARD = 3, _("较难")

    region = models.ForeignKey(
        "directory.Region",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("题库所属区域"),
    )
    kind = models.CharField(_("题型"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("题干"))
    options = models.JSONField(_("选项"))
    key = models.JSONField(_("答案"))
    topic = models.CharField(_("主题"), max_length=50)
    difficulty = models.PositiveSmallIntegerField(_("难度"), choices=Difficulty.choices)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("题目")
        verbose_name_plural = _("题库")
        ordering = ["region", "topic", "difficulty", "pk"]
        indexes = [models.Index(fields=["region", "topic", "difficulty"])]

    def __str__(self) -> str:
        return self.text[:40]


class Attempt(models.Model):
    """One person's one attempt at a round: the paper drawn for them (its seed kept), answers
    saved as they go, the time allowed, and the score once submitted or timed out."""

    competition = models.ForeignKey(
        Competition, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("竞赛")
    )
    person = models.ForeignKey(
        "directory.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("答题人")
    )
    seed = models.BigIntegerField(editable=False)
    started_at = models.DateTimeField(_("开始时间"))
    due_at = models.DateTimeField(_("截止时间"))
    finished_at = models.DateTimeField(_("交卷时间"), null=True, blank=True)
    score = models.PositiveIntegerField(_("得分"), null=True, blank=True)

    class Meta:
        verbose_name = _("答题记录")
        verbose_name_plural = _("答题记录")
        ordering = ["competition", "-score", "finished_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["competition", "person"],
                name="attempt_once_per_person",
                violation_error_message=_("每人只能答题一次。"),
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(score__isnull=False),
                name="attempt_finished_has_score",
                violation_error_message=_("交卷后须有得分。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} · {self.person_id}"


class Answer(models.Model):
    """One question of an attempt's paper, at its place, with the answer saved so far."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="answers", verbose_name=_("答题记录")
    )
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("题目")
    )
    position = models.PositiveSmallIntegerField(_("题号"))
    chosen = models.JSONField(_("所选答案"), default=list, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    correct = models.BooleanField(null=True, editable=False)

    class Meta:
        verbose_name = _("作答")
        verbose_name_plural = _("作答")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"],
                name="answer_question_once_per_attempt",
                violation_error_message=_("同一题目不能重复出现。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} · {self.position}"
