from django.urls import path

from . import views

urlpatterns = [
    path("cong-viec/", views.my_work, name="workflows_my_work"),
    path("thong-bao/", views.notification_list, name="workflows_notifications"),
    path("thong-bao/da-doc/", views.notifications_mark_read, name="workflows_notifications_read"),
    path("thong-bao/<int:pk>/", views.notification_open, name="workflows_notification_open"),
]
