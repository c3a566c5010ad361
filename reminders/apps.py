from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        # Put the reminders that went out on each letter's timeline.
        from engagements.timeline import TIMELINE_SOURCES
        from reminders.timeline import sent_reminders

        if sent_reminders not in TIMELINE_SOURCES:
            TIMELINE_SOURCES.append(sent_reminders)
