"""Finnish: Django's formats are right (15.3.2022, 19. toukokuuta 2022, 9.00); only the week starts on Monday."""

FIRST_DAY_OF_WEEK = 1
