"""Alt-N MDaemon: "The attached message had PERMANENT fatal delivery errors!" and its
"--- Session Transcript ---", in which the refused command and the server's reply are quoted."""
from ._plain import plain_format

NAME = "mdaemon"
parse = plain_format(NAME, r"The attached message had PERMANENT fatal delivery errors|"
                           r"^-+ ?Session Transcript ?-+")
