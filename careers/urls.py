from django.urls import path

from careers import views

app_name = "careers"

urlpatterns = [
    path("careers/", views.index, name="index"),
    path("careers/soc/<str:code>/", views.by_soc_code, name="by-soc-code"),
    path("careers/<slug:slug>/", views.detail, name="detail"),
    path("careers/<slug:slug>/pay/<slug:state>/", views.state_pay, name="state-pay"),
    path("search/", views.search, name="search"),
]
