def run(**kwargs):
    raise NotImplementedError
