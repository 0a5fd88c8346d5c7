"""The portal's date and time formats where Django's own locale does not write them as Finland does.

Finnish and Finland-Swedish write short dates 15.3.2022 (never 15.03.2022 or 2022-03-15); English keeps the day
before the month ("19 May 2022, 09:00"), as a reader in Finland expects. Django reads these through
FORMAT_MODULE_PATH before its own.
"""
