"""DragonFly Mail Agent (dma): "There was an error delivering your mail to <addr>."."""
from ._plain import plain_format

NAME = "dragonfly"
parse = plain_format(NAME, r"This is the DragonFly Mail Agent|There was an error delivering your mail to")
