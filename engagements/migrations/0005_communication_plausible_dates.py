import datetime

import django.db.models.expressions
from django.contrib.postgres.operations import AddConstraintNotValid
from django.db import migrations, models


class Migration(migrations.Migration):
    """NOT VALID: PostgreSQL checks every row written from now on but not the rows
    already there, so a database holding an implausible letter still migrates. The
    planner flags such letters for staff; once corrected, `ALTER TABLE
    engagements_communication VALIDATE CONSTRAINT ...` makes the check cover all rows."""

    dependencies = [
        ('engagements', '0004_acknowledgement_and_handovers'),
    ]

    operations = [
        AddConstraintNotValid(
            model_name='communication',
            constraint=models.CheckConstraint(condition=models.Q(('sent_on__gte', datetime.date(1990, 1, 1))), name='comm_sent_on_plausible', violation_error_message='A letter is sent in or after 1990.'),
        ),
        AddConstraintNotValid(
            model_name='communication',
            constraint=models.CheckConstraint(condition=models.Q(('extended_to__isnull', True), ('extended_to__lte', django.db.models.expressions.CombinedExpression(django.db.models.expressions.CombinedExpression(models.F('sent_on'), '+', models.Value(datetime.timedelta(days=60))), '+', models.Value(datetime.timedelta(days=365)))), _connector='OR'), name='comm_extension_within_horizon', violation_error_message='An extension moves the due date at most a year.'),
        ),
    ]
