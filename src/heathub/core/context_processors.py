from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    # The NHS.UK base template puts cspNonce on its inline js-enabled script. django-csp's lazy
    # nonce is falsy until read, and only a read nonce goes into the header: read it here.
    nonce = getattr(request, "csp_nonce", None)
    return {"cspNonce": str(nonce) if nonce is not None else None}
