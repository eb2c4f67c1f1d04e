"""The admin for every quizzes model; keys are derived, so the engine's answer is read-only."""

from typing import TYPE_CHECKING

from django.contrib import admin

from quizzes.models import Attempt, Case, Choice, PracticeCase, Question, Quiz, QuizSection, Response

if TYPE_CHECKING:
    # django-stubs makes the admin classes generic; at run time (without django_stubs_ext) they are not.
    CaseAdminBase = admin.ModelAdmin[Case]
    QuizAdminBase = admin.ModelAdmin[Quiz]
    QuestionAdminBase = admin.ModelAdmin[Question]
    AttemptAdminBase = admin.ModelAdmin[Attempt]
    PracticeCaseAdminBase = admin.ModelAdmin[PracticeCase]
    QuestionInlineBase = admin.TabularInline[Question, Quiz]
    ChoiceInlineBase = admin.TabularInline[Choice, Question]
    SectionInlineBase = admin.TabularInline[QuizSection, Quiz]
    ResponseInlineBase = admin.TabularInline[Response, Attempt]
else:
    CaseAdminBase = QuizAdminBase = QuestionAdminBase = AttemptAdminBase = PracticeCaseAdminBase = (
        admin.ModelAdmin
    )
    QuestionInlineBase = ChoiceInlineBase = SectionInlineBase = ResponseInlineBase = admin.TabularInline

RESPONSE_FIELDS = ("question", "score", "answered_at")


@admin.register(Case)
class CaseAdmin(CaseAdminBase):
    list_display = ["title", "slug", "setting", "archived", "updated_at"]
    list_filter = ["archived"]
    search_fields = ["title", "slug", "narrative"]
    readonly_fields = ["engine_result"]
    prepopulated_fields = {"slug": ["title"]}


class QuestionInline(QuestionInlineBase):
    model = Question
    fields = ["position", "slug", "kind", "prompt", "case", "version", "is_current"]
    readonly_fields = ["version", "is_current"]
    extra = 0
    show_change_link = True


class SectionInline(SectionInlineBase):
    model = QuizSection
    fields = ["position", "rule", "count", "kinds"]
    extra = 0


@admin.register(Quiz)
class QuizAdmin(QuizAdminBase):
    list_display = [
        "title",
        "mode",
        "key_release",
        "time_limit_minutes",
        "attempt_limit",
        "position",
        "published",
    ]
    list_editable = ["position", "published"]
    list_filter = ["mode", "key_release", "published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline, SectionInline]


class ChoiceInline(ChoiceInlineBase):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(QuestionAdminBase):
    list_display = ["slug", "version", "is_current", "quiz", "position", "kind"]
    list_select_related = ["quiz"]
    list_filter = ["is_current", "quiz", "kind"]
    readonly_fields = ["version", "is_current", "previous"]
    search_fields = ["slug", "prompt"]
    inlines = [ChoiceInline]


class ResponseInline(ResponseInlineBase):
    model = Response
    fields = RESPONSE_FIELDS
    readonly_fields = RESPONSE_FIELDS
    extra = 0
    can_delete = False


@admin.register(Attempt)
class AttemptAdmin(AttemptAdminBase):
    list_display = ["user", "quiz", "mode", "started_at", "finished_at", "score", "timed_out"]
    list_select_related = ["user", "quiz"]
    list_filter = ["quiz", "mode", "timed_out"]
    readonly_fields = [
        "user",
        "quiz",
        "mode",
        "started_at",
        "deadline",
        "finished_at",
        "timed_out",
        "score",
        "question_ids",
    ]
    inlines = [ResponseInline]


@admin.register(PracticeCase)
class PracticeCaseAdmin(PracticeCaseAdminBase):
    list_display = ["user", "family", "seed", "score", "answered_at"]
    list_select_related = ["user"]
    list_filter = ["family"]
    readonly_fields = ["user", "family", "seed", "answer", "score", "result", "rule_scores", "answered_at"]
