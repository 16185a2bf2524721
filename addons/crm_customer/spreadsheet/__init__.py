"""Reading and writing the spreadsheets and text files customers come in and
go out as (.xls, .xlsx, .csv/.txt in UTF-8 or GB18030). Plain Python."""
