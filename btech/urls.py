from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "B-Tech Engagement Tracker"
admin.site.site_title = "B-Tech Engagement Tracker"
admin.site.index_title = "OHCHR administration"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("btech.api.urls")),
]
