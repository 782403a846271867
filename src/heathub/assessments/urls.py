from django.urls import path

from heathub.assessments import (
    action_views,
    export_views,
    group_views,
    question_views,
    review_urls,
    views,
)

app_name = "assessments"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("start", views.start, name="start"),
    path("organisation/<int:org_pk>/", views.organisation, name="organisation"),
    path("<int:pk>/", views.task_list, name="task-list"),
    path("<int:pk>/details", views.details, name="details"),
    path("<int:pk>/questions/<str:question_key>", question_views.question, name="question"),
    path(
        "<int:pk>/questions/<str:question_key>/intersection",
        group_views.add_intersection,
        name="add-intersection",
    ),
    path(
        "<int:pk>/questions/<str:question_key>/local-group",
        group_views.add_local_group,
        name="add-local-group",
    ),
    path(
        "<int:pk>/stages/<slug:stage_key>/check",
        question_views.check_answers,
        name="check-answers",
    ),
    path("<int:pk>/actions/add", action_views.action_form, name="action-add"),
    path("<int:pk>/actions/<int:action_pk>", action_views.action_form, name="action-edit"),
    path("<int:pk>/export", export_views.export_options, name="export"),
    path("<int:pk>/export.docx", export_views.export_docx, name="export-docx"),
    path("<int:pk>/export.pdf", export_views.export_pdf, name="export-pdf"),
]

# The review workflow's pages (mentor review, sign-off, Stage 4, history) share the namespace.
urlpatterns += review_urls.urlpatterns
