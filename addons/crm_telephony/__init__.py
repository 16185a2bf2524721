from . import cli, controllers, models, wizards, worker_priority
