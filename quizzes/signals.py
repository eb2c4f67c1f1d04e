"""What the quizzes tell the rest of the site.

`attempt_scored` is sent with `attempt` once an attempt's score is committed: when it is finished, and when a
regrade or an override changes it. Receivers run after the commit, so they may be slow or fail without
touching the trainee's work (lti/passback.py posts the score to the learning platform from here).
"""

from django.dispatch import Signal

attempt_scored = Signal()
