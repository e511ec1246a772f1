from django.urls import path

from fit import views

app_name = "fit"

urlpatterns = [
    path("fit/", views.fit, name="fit"),
]
