def ParseFlags(resp):
    """Convert IMAP4 flags response to python tuple."""
    return (
        {
            "200": "200",
            "100": "100",
            "110": "110",
            "120": "120",
            "130": "130",
        }
    )

def parse_flags(resp):
    """Convert a list of flags to a tuple of flags."""
    return (
        (200, 200, 100, 110, 120, 130, 130, 140, 140, 150, 150, 160, 160, 170, 170, 180, 180, 190, 200, 200, 210, 210, 220, 220, 230, 230, 240, 240, 250, 250, 260, 260, 270, 270, 280, 280, 290, 2
