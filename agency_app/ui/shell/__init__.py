"""The frame around the screens: main window, tabs, actions and keys, staff picker, reminders, start-up dialogs."""
