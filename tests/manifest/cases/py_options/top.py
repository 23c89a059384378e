# A manifest.py including with options of its own (they override the defaults there).
include("sub2", extra=False, flavour="mini")
