from django.urls import path, re_path

from . import views

urlpatterns = [
    path("huong-dan/", views.mine, name="guides_mine"),
    path("huong-dan/muc-luc/", views.index, name="guides_index"),
    re_path(r"^huong-dan/anh/(?P<name>[a-z0-9-]+\.png)$", views.image, name="guides_image"),
    re_path(r"^huong-dan/(?P<slug>[a-z0-9-]+)/$", views.page, name="guides_page"),
]
