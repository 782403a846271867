"""The data a form is bound to."""

from django.http import HttpRequest, QueryDict


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one, so it is checked and shows its errors
    (`request.POST or None` would treat an empty POST as a first visit); None on a GET."""
    return request.POST if request.method == "POST" else None
