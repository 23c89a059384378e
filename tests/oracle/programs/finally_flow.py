# try/finally with return, break and continue inside loops.
def ret_in_finally():
    try:
        return "try"
    finally:
        print("finally runs")
print(ret_in_finally())
def override():
    try:
        return 1
    finally:
        return 2
print(override())
def loop_break():
    out = []
    for i in range(5):
        try:
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(loop_break())
def loop_continue():
    out = []
    i = 0
    while i < 4:
        i += 1
        try:
            if i % 2:
                continue
            out.append(i)
        finally:
            out.append(-i)
    return out
print(loop_continue())
def nested():
    log = []
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise ValueError(i)
                if i == 2:
                    return log
            finally:
                log.append(("inner", i))
        except ValueError as e:
            log.append(("caught", e.args[0]))
        finally:
            log.append(("outer", i))
    return "unreached"
print(nested())
def swallow():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            if i < 2:
                continue
            break
    return i
print(swallow())
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
for v in gen():
    print(v)
    break
