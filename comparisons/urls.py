from django.urls import path

from comparisons import views

app_name = "comparisons"

urlpatterns = [
    path("compare/", views.index, name="index"),
    path("compare/go/", views.go, name="go"),
    path("compare/add/", views.add, name="add"),
    path("compare/suggest/", views.suggest, name="suggest"),
    path("careers/<slug:slug>/moves/", views.career_moves, name="moves"),
    path("compare/<slug:pair>/", views.detail, name="detail"),
]
