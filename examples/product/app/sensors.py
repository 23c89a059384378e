from . import greeting

def read_all():
    return {"temp": 21, "hum": 40, "note": greeting("sensors")}
