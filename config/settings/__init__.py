"""Settings are split by environment (dev, test, production) and by concern (components/).

Every value that differs between machines is read from the environment in `components/env.py`.
"""
