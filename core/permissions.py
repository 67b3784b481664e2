"""Permissions-Policy: the powerful browser features the app never uses are switched off for
its pages and anything they could embed, so that an injected script cannot ask for them.

Kept for this origin: the screen wake lock (static/js/wake-lock.js keeps the screen on during a
timer or the breathing pacer) and copying the handover text (handover.js, clipboard). Sharing
the doctor report (report.js, navigator.share) needs `web-share`, which is allowed for the
origin by default and not named: Chromium for Linux does not know it and logs a warning, as it
does for any feature it does not know (bluetooth too). Vibration, speech and sound need no
permission."""

DENIED = [
    "accelerometer",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "otp-credentials",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "serial",
    "usb",
    "window-management",
    "xr-spatial-tracking",
]
SELF = ["clipboard-write", "screen-wake-lock"]
POLICY = ", ".join([f"{name}=()" for name in DENIED] + [f"{name}=(self)" for name in SELF])


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", POLICY)
        return response

    return middleware
