# String methods and formatting.
s = "  Hello, World  "
print(s.strip(), s.lower().strip(), s.upper().strip())
print("a,b,,c".split(","), "a b  c".split(), "x".join(["1", "2", "3"]))
print("abc".find("c"), "abc".replace("b", "BB"), "abcabc".count("bc"))
print("%d-%s-%5.2f|%-4d|%x" % (42, "str", 3.14159, 7, 255))
print("{} {:>6} {:<4}| {:^7} {:08.3f}".format(1, "r", "l", "mid", 2.5))
name = "freeze"
print(f"{name!r} has {len(name)} letters, {len(name) * 2:04d}")
print("test".startswith("te"), "test".endswith("x"), "12".isdigit())
print(repr("quote'd"), str(12.5), "%s" % None)
print("tab\tand\\backslash", "multi\nline".splitlines())
