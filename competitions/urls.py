from django.urls import path

from competitions.views import exports, judge, quiz

app_name = "competitions"
urlpatterns = [
    # Judges
    path("judge/", judge.queue, name="judge_queue"),
    path("judge/<int:pk>/", judge.entry, name="judge_entry"),
    path("judge/<int:pk>/conflict/", judge.conflict, name="judge_conflict"),
    path("judge/files/<int:pk>/", judge.entry_file, name="judge_file"),
    # Knowledge and skills rounds
    path("<int:pk>/quiz/", quiz.start, name="quiz_start"),
    path("<int:pk>/quiz/leaderboard/", quiz.leaderboard, name="quiz_leaderboard"),
    path("<int:pk>/quiz/items/", quiz.items, name="quiz_items"),
    path("quiz/attempts/<int:pk>/", quiz.paper, name="quiz_paper"),
    path("quiz/attempts/<int:pk>/save/", quiz.save, name="quiz_save"),
    path("quiz/attempts/<int:pk>/result/", quiz.result, name="quiz_result"),
    # Organiser's exports
    path("<int:pk>/export/scores.xlsx", exports.scores_xlsx, name="export_scores"),
    path("<int:pk>/export/results.pdf", exports.results_pdf, name="export_results"),
]
