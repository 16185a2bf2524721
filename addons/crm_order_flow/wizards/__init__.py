from . import (
    crm_lead_hand_over,
    crm_order_statistics_compare,
    crm_order_statistics_compare_line,
    crm_sales_task_import,
)
