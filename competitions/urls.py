from django.urls import path

from competitions.views import author, exports, judge, organiser, public, questions, quiz

app_name = "competitions"

_routes = [
    # Public: the index and a competition's page; objections need a sign-in.
    ("", public.index, "index"),
    ("<int:pk>/", public.detail, "detail"),
    ("<int:pk>/objection/", public.objection_raise, "objection_raise"),
    # Authors
    ("mine/", author.my_entries, "my_entries"),
    ("<int:pk>/enter/", author.entry_new, "entry_new"),
    ("entries/<int:pk>/", author.entry_detail, "entry"),
    ("entries/<int:pk>/coauthors/", author.coauthor_add, "coauthor_add"),
    (
        "entries/<int:pk>/coauthors/<int:person_id>/remove/",
        author.coauthor_remove,
        "coauthor_remove",
    ),
    ("entries/<int:pk>/files/", author.file_add, "file_add"),
    ("entries/files/<int:pk>/", author.file_download, "file_download"),
    ("entries/<int:pk>/files/<int:file_id>/remove/", author.file_remove, "file_remove"),
    ("entries/<int:pk>/submit/", author.entry_submit, "entry_submit"),
    ("entries/<int:pk>/withdraw/", author.entry_withdraw, "entry_withdraw"),
    # Organisers
    ("manage/", organiser.competition_list, "organiser_list"),
    ("manage/new/", organiser.competition_new, "organiser_new"),
    ("manage/questions/", questions.bank, "question_bank"),
    ("manage/<int:pk>/", organiser.competition_detail, "organiser_detail"),
    ("manage/<int:pk>/edit/", organiser.competition_edit, "organiser_edit"),
    ("manage/<int:pk>/rubric/", organiser.rubric_edit, "organiser_rubric"),
    ("manage/<int:pk>/publish/", organiser.competition_publish, "organiser_publish"),
    ("manage/<int:pk>/judges/", organiser.judges, "organiser_judges"),
    ("manage/<int:pk>/judges/assign/", organiser.assign, "organiser_assign"),
    ("manage/<int:pk>/judges/balance/", organiser.balance, "organiser_balance"),
    (
        "manage/<int:pk>/assignments/<int:assignment_id>/withdraw/",
        organiser.assignment_withdraw,
        "organiser_assignment_withdraw",
    ),
    ("manage/<int:pk>/ranking/", organiser.ranking, "organiser_ranking"),
    ("manage/<int:pk>/notice/", organiser.notice_publish, "organiser_notice"),
    ("manage/<int:pk>/objections/", organiser.objections, "organiser_objections"),
    ("manage/objections/<int:pk>/answer/", organiser.objection_answer, "organiser_answer"),
    ("manage/<int:pk>/finalise/", organiser.finalise, "organiser_finalise"),
    ("manage/entries/<int:pk>/reveal/", organiser.reveal, "organiser_reveal"),
    ("<int:pk>/export/scores.xlsx", exports.scores_xlsx, "export_scores"),
    ("<int:pk>/export/results.pdf", exports.results_pdf, "export_results"),
    # Judges
    ("judge/", judge.queue, "judge_queue"),
    ("judge/<int:pk>/", judge.entry, "judge_entry"),
    ("judge/<int:pk>/conflict/", judge.conflict, "judge_conflict"),
    ("judge/files/<int:pk>/", judge.entry_file, "judge_file"),
    # Knowledge and skills rounds
    ("<int:pk>/quiz/", quiz.start, "quiz_start"),
    ("<int:pk>/quiz/leaderboard/", quiz.leaderboard, "quiz_leaderboard"),
    ("<int:pk>/quiz/items/", quiz.items, "quiz_items"),
    ("quiz/attempts/<int:pk>/", quiz.paper, "quiz_paper"),
    ("quiz/attempts/<int:pk>/save/", quiz.save, "quiz_save"),
    ("quiz/attempts/<int:pk>/result/", quiz.result, "quiz_result"),
]
urlpatterns = [path(route, view, name=name) for route, view, name in _routes]
