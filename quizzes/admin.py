from django.contrib import admin

from quizzes.models import Attempt, Case, Choice, PracticeCase, Question, Quiz, Response


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "setting", "updated_at"]
    search_fields = ["title", "slug", "narrative"]
    readonly_fields = ["engine_result"]
    prepopulated_fields = {"slug": ["title"]}


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ["position", "slug", "kind", "prompt", "case"]
    extra = 0
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "mode", "time_limit_minutes", "position", "published"]
    list_editable = ["position", "published"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["slug", "quiz", "position", "kind"]
    list_select_related = ["quiz"]
    list_filter = ["quiz", "kind"]
    search_fields = ["slug", "prompt"]
    inlines = [ChoiceInline]


class ResponseInline(admin.TabularInline):
    model = Response
    fields = ["question", "score", "answered_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["user", "quiz", "mode", "started_at", "finished_at", "score", "timed_out"]
    list_select_related = ["user", "quiz"]
    list_filter = ["quiz", "mode", "timed_out"]
    readonly_fields = ["user", "quiz", "mode", "started_at", "deadline", "finished_at", "timed_out", "score"]
    inlines = [ResponseInline]


@admin.register(PracticeCase)
class PracticeCaseAdmin(admin.ModelAdmin):
    list_display = ["user", "family", "seed", "score", "answered_at"]
    list_select_related = ["user"]
    list_filter = ["family"]
    readonly_fields = ["user", "family", "seed", "answer", "score", "result", "rule_scores", "answered_at"]
