"""Give the Moderators and Editors groups the comment permissions, and create the
page about comment data that the comment form links to (its text stays editable
in the admin, under Flat pages)."""

from django.contrib.auth.management import create_permissions
from django.core.management.color import no_style
from django.db import migrations

COMMENT_PERMISSIONS = [
    "view_comment", "change_comment", "delete_comment", "moderate_comment",
    "view_blocklistentry", "add_blocklistentry", "change_blocklistentry",
    "delete_blocklistentry",
]
GROUPS = ["Moderators", "Editors"]

PRIVACY_URL = "/confidentialite-commentaires/"
PRIVACY_TITLE = "Vos données quand vous commentez"
PRIVACY_CONTENT = """
<p>Pour publier un commentaire, vous nous confiez quelques informations. Voici lesquelles,
pourquoi nous les gardons, combien de temps, et comment les faire effacer.</p>

<h2>Ce que nous enregistrons</h2>
<ul>
<li>le nom et, s’il y en a un, le site web que vous indiquez : ils sont publiés avec votre
commentaire ;</li>
<li>votre adresse e-mail : elle n’est jamais publiée ; elle nous permet de reconnaître un
lecteur dont un commentaire a déjà été accepté et de répondre à vos demandes sur vos
données ;</li>
<li>le texte du commentaire, sa date et son statut de modération ;</li>
<li>l’adresse IP et l’identifiant du navigateur (user agent) au moment de l’envoi : ils servent
uniquement à lutter contre les abus et sont effacés automatiquement après 90 jours.</li>
</ul>

<h2>Filtrage des indésirables</h2>
<p>Chaque commentaire passe par des filtres automatiques (champ piège, délai minimal
d’envoi, limite du nombre d’envois, liens trop nombreux, mots et adresses bloqués, doublons).
Lorsqu’il est activé, le service Akismet d’Automattic reçoit le texte, le nom, l’adresse
e-mail, le site web, l’adresse IP et le navigateur afin d’évaluer s’il s’agit d’un
indésirable ; ses conditions sont décrites sur akismet.com. Un commentaire écarté par ces
filtres n’est pas supprimé : un modérateur peut le relire et le rétablir.</p>

<h2>Modération</h2>
<p>Les commentaires sont lus par l’équipe de modération avant d’être publiés. Tant qu’il
attend, votre commentaire n’est visible que de vous, dans votre navigateur.</p>

<h2>Vos droits</h2>
<p>Vous pouvez demander une copie de tous vos commentaires et des données associées, ou
leur effacement (anonymisation ou suppression), en écrivant à la rédaction depuis l’adresse
utilisée pour commenter. Nous retrouvons vos commentaires grâce à cette adresse.</p>
"""


def grant_comment_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="comments", codename__in=COMMENT_PERMISSIONS
        )
    )
    missing = set(COMMENT_PERMISSIONS) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Missing comment permissions: {sorted(missing)}")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke_comment_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="comments", codename__in=COMMENT_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


def create_privacy_page(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    # SITE_ID is 1; on a new database this migration may run before Django creates it.
    site, created = Site.objects.get_or_create(
        pk=1, defaults={"domain": "example.com", "name": "example.com"}
    )
    if created:
        # As Django's own create_default_site: an explicit pk leaves the sequence behind.
        connection = schema_editor.connection
        for sql in connection.ops.sequence_reset_sql(no_style(), [Site]):
            schema_editor.execute(sql)
    page, _ = FlatPage.objects.get_or_create(
        url=PRIVACY_URL, defaults={"title": PRIVACY_TITLE, "content": PRIVACY_CONTENT.strip()}
    )
    page.sites.add(site)


def remove_privacy_page(apps, schema_editor):
    apps.get_model("flatpages", "FlatPage").objects.filter(
        url=PRIVACY_URL, title=PRIVACY_TITLE
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0001_initial"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(grant_comment_permissions, revoke_comment_permissions),
        migrations.RunPython(create_privacy_page, remove_privacy_page),
    ]
