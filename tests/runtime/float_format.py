# float text: repr, %-formats and format specs over special and boundary values
vals = [0.0, -0.0, 1.0, 0.1, 1/3, 2/3, 1e-7, 1e-5, 123456789.0, 1e16, 1e22, 1.5e-300, 3.14159, 2.5, -1.25, 100.0, 1e100, float('inf'), float('nan')]
for v in vals:
    print(v, repr(v), "%f|%.2f|%e|%g|%.3g|%10.4f|%-10.2e|%+g" % (v, v, v, v, v, v, v, v))
    print("{}|{:f}|{:.1f}|{:e}|{:g}|{:.0e}|{:10}|{:<12.5g}|{:%}|{:.1%}|{:+.2f}|{: f}".format(v, v, v, v, v, v, v, v, v, v, v, v))
print([1.0, 2.5], (0.1,), {0.5: 1.5})
print(1e16, 12345678901234567.0, 0.000001, 0.0000001, 1.0e15, 123e-20)
print("%.15g" % 0.1, "%.17g" % 0.1, "%.20f" % 0.1, "%.0f" % 1e15)
