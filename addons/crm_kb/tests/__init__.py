from . import test_access, test_approval, test_article, test_kbtext, test_search
