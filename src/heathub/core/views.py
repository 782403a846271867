from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("assessments:mine")
    return render(request, "core/home.jinja", {"page_title": "Health equity work, in one place"})


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.jinja", {"page_title": "Accessibility statement"})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.jinja", {"page_title": "Privacy notice"})
