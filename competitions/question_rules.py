"""What a question of a region's bank must hold (R14: knowledge and skills contests), on plain
values: the one rule behind `question_create` and the Excel import of questions."""

from django.utils.translation import gettext as _

from competitions.models import Question

TRUE_FALSE_OPTIONS = ["正确", "错误"]
TOPIC_MAX_LENGTH = Question._meta.get_field("topic").max_length


def question_errors(
    *, kind: str, text: str, options: list[str], key: list[int], topic: str, difficulty: int
) -> list[tuple[str, str]]:
    """Why a question cannot join a bank, as (field, message); empty when it can (R14).

    Values are as stored: text and topic trimmed, blank options dropped (true/false: 正确,
    错误), `key` the sorted indexes of the right options. There are at least two distinct
    options; a single choice or true/false question has one key, a multiple choice two or more.
    """
    if kind not in Question.Kind.values:
        return [("kind", _("题型须为单选题、多选题或判断题。"))]
    errors = []
    if not text or not topic:
        errors.append(("text" if not text else "topic", _("题干和主题不能为空。")))
    if len(topic) > TOPIC_MAX_LENGTH:
        errors.append(("topic", _("主题不能超过 %(max)s 个字。") % {"max": TOPIC_MAX_LENGTH}))
    if difficulty not in Question.Difficulty.values:
        errors.append(("difficulty", _("难度须为 1（容易）、2（中等）或 3（较难）。")))
    if len(options) < 2 or len(set(options)) != len(options):
        errors.append(("options", _("至少需要两个互不相同的选项。")))
    wanted_keys = (2, len(options)) if kind == Question.Kind.MULTIPLE else (1, 1)
    if not key or any(k < 0 or k >= len(options) for k in key):
        errors.append(("key", _("答案须为已有的选项。")))
    elif not wanted_keys[0] <= len(key) <= wanted_keys[1]:
        errors.append(("key", _("单选题和判断题只有一个答案，多选题至少两个答案。")))
    return errors
