"""An article written to attack whatever displays it: terminal escapes, markup, script, bidi overrides."""

from __future__ import annotations

import re

ESC = "\x1b"
HOSTILE = (
    f"Breaking news {ESC}[31mred alert{ESC}[0m in the capital{ESC}]0;pwned{ESC}\\.\n\n"
    "The minister said [bold]nothing[/bold] and [link=https://evil.example]click here[/link] or [/] closing. "
    "<script>document.title='PWNED'</script> and <img src=x onerror=\"document.title='PWNED'\"> appeared.\n\n"
    "Bell \x07 and CSI \x9b2J and RLO \u202e reversed \u202c text, "
    "then a **star** and `tick` [x](javascript:y).\n"
)
OTHER = HOSTILE.replace("nothing", "very little").replace("capital", "city")

# Control characters that a terminal may act on: C0 (but newline), DEL, C1, bidirectional overrides.
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
