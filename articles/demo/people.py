"""The demo newsroom: three authors who write, one editor who publishes."""

from .base import DemoUser

AUTHORS = (
    DemoUser("camille.lefevre", "Camille", "Lefèvre"),
    DemoUser("julien.marchand", "Julien", "Marchand"),
    DemoUser("ines.benali", "Inès", "Benali"),
)

EDITOR = DemoUser("sophie.garnier", "Sophie", "Garnier")
