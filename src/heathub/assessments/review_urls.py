"""The review workflow's pages, in the assessments namespace (included by assessments/urls.py)."""

from django.urls import path

from heathub.assessments import review_views

urlpatterns = [
    path("reviews/", review_views.review_queue, name="review-queue"),
    path("<int:pk>/review", review_views.review, name="review"),
    path("<int:pk>/review/request", review_views.request_review, name="request-review"),
    path("<int:pk>/review/comments", review_views.add_comment, name="add-comment"),
    path(
        "<int:pk>/review/comments/<int:comment_pk>/resolve",
        review_views.resolve_comment,
        name="resolve-comment",
    ),
    path("<int:pk>/review/outcome", review_views.decide_review, name="decide-review"),
    path("<int:pk>/sign-off", review_views.sign_off_page, name="sign-off"),
    path("<int:pk>/unlock", review_views.unlock, name="unlock"),
    path("<int:pk>/stage-4", review_views.stage_four, name="periodic-review"),
    path("<int:pk>/archive", review_views.archive, name="archive"),
    path("<int:pk>/copy", review_views.copy, name="copy"),
    path("<int:pk>/history", review_views.history, name="history"),
]
