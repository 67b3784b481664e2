"""drf-spectacular post-processing: document the structured 4xx answers of every operation."""

ERRORS = {
    "400": "Invalid input: field names map to lists of messages, or `detail` explains it.",
    "401": "Not logged in, or a wrong token.",
    "403": "Not allowed (for example a missing CSRF token in a browser session).",
    "404": "Not found, or not yours.",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "413": "The request is too large.",
    "415": "Unsupported media type.",
    "429": "Too many attempts.",
}


def add_error_responses(result, generator, request, public):
    result["components"]["schemas"]["Error"] = {
        "type": "object",
        "description": "A structured error, translated into the request's language.",
        "additionalProperties": True,
    }
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result["paths"].values():
        for operation in path.values():
            for status, description in ERRORS.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": error}
                )
    return result
