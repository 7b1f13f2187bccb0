"""Reading a download response in tests."""

import re
from urllib.parse import unquote


def download_name(response) -> str:
    """The file name a browser saves `response` under; asserts it is sent as an attachment."""
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;"), disposition
    encoded = re.search(r"filename\*=utf-8''(\S+)", disposition)
    if encoded:
        return unquote(encoded.group(1))
    return re.search(r'filename="([^"]*)"', disposition).group(1)


def body(response) -> bytes:
    return b"".join(response.streaming_content)
