-- Storing a reply marks the message it answers as answered, in the same
-- statement: one write per reply instead of a three-statement transaction.
CREATE TRIGGER messages_reply_marks_answered AFTER INSERT ON messages
WHEN NEW.reply_to IS NOT NULL
BEGIN
    UPDATE messages SET answered = 1 WHERE id = NEW.reply_to;
END;
