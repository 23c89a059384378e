# f-strings: nested replacement fields in format specs, conversions, "=" and escapes.
w, p = 10, 3
x = 3.14159
name = "abc"
print(f"[{x:{w}.{p}f}]")
print(f"[{name:>{w}}] [{name:^{w - 2}}] [{name!r:<8}]")
print(f"{x=:.2f} {name=} {w=}")
print(f"{{literal}} {w}{{}}")
print(f"{[i * 2 for i in range(3)]} {dict(a=1)['a']}")
print(f"{w:#x} {w:#o} {w:08b} {-w:+d} {w:,}")
fmt = "8.3e"
print(f"{x:{fmt}}")
print(f"{'a' if w > 5 else 'b'}{p * 2}")
print(f"{name!s:*^9}|{3!r}")
print(f"""multi
{w}
line""")
