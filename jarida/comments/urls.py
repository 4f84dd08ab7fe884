from django.urls import path

from jarida.comments import views

app_name = "comments"

urlpatterns = [
    path("token/", views.form_token, name="token"),
    path("<int:article_id>/", views.block, name="block"),
    path("<int:article_id>/page/<int:number>/", views.thread_page, name="page"),
    path("<int:article_id>/new/", views.post, name="post"),
    path("<int:article_id>/posted/", views.posted, name="posted"),
    path("report/<int:comment_id>/", views.report, name="report"),
    path("verify/<str:token>/", views.verify, name="verify"),
]
