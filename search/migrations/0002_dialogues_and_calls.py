from django.db import migrations, models

from search import sources

# The kinds this migration indexes (the earlier ones are in 0001).
KINDS = ("dialogue", "question", "call")


def install(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for kind in KINDS:
            for statement in sources.install_sql(sources.SOURCES[kind]):
                cursor.execute(statement)


def uninstall(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for kind in KINDS:
            for statement in sources.uninstall_sql(sources.SOURCES[kind]):
                cursor.execute(statement)
        cursor.execute("DELETE FROM search_document WHERE kind = ANY(%s)", [list(KINDS)])


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0001_initial"),
        ("dialogues", "0001_initial"),
        ("calls", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="document",
            name="part",
            field=models.CharField(choices=[("text", "text"), ("file", "file"), ("pub", "pub")],
                                   max_length=4),
        ),
        migrations.RunPython(install, uninstall),
    ]
