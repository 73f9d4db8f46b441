"""The ALGCA nbgrader course.

Run nbgrader from this folder (``cd exercises``), or use ``algca grade``.
The texts learners see (the answer stub, validation messages, the note on a
restored cell) are in the language of ``$ALGCA_LANG`` (Kyrgyz by default),
from the toolkit's ``course`` catalog.
"""

import os

from toolkit import feedback
from toolkit.i18n import translator

_ = translator("course")
c = get_config()  # noqa: F821  (nbgrader provides get_config)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "algca"

# What a learner sees in an answer cell of the released notebook: a comment,
# not a `raise NotImplementedError()` traceback. An unanswered question then
# gets a kind "no answer yet" from toolkit.checks.
c.ClearSolutions.code_stub = {
    "python": "# " + _("Write your answer here, then run the cell (Shift+Enter).")
}
c.ClearSolutions.text_stub = _("Write your answer here.")

# A warning printed while a test cell runs must not cost the learner points:
# nbgrader gives 0 to a test cell with anything on stderr, so warnings are
# removed from the outputs before grading.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?i)warning"

# A learner who deleted a graded cell gets it back (and loses only its points).
c.OverwriteCells.add_missing_cells = True
c.OverwriteCells.missing_cell_notification = (
    _("This cell (id:{cell_id}) was missing from the submission. It was added back by nbgrader.")
    + "\n\n"
)

# The feedback page handed back to a learner shows each check's messages and
# points, never the hidden tests nbgrader put back for grading (they hold the
# expected answers).
c.GenerateFeedback.preprocessors = feedback.PREPROCESSORS

# An endless loop in one submission must not stop the class.
c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True

c.Validator.failed_warning = (
    _(
        "Some checks failed in {num_failed} cell(s). Read the messages under the checks, "
        "correct your answers and run the notebook again."
    )
    + "\n"
)
c.Validator.passed_warning = _("All {num_passed} checks ran without errors.") + "\n"
c.Validator.changed_warning = (
    _("The contents of {num_changed} test cell(s) have changed. Restore them before you submit.")
    + "\n"
)
c.Validator.type_changed_warning = (
    _("The type of {num_changed} cell(s) has changed. Restore them before you submit.") + "\n"
)
