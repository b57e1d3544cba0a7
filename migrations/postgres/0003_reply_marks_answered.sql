-- Storing a reply marks the message it answers as answered, in the same
-- statement: one write per reply instead of a three-statement transaction.
CREATE FUNCTION calme_reply_marks_answered() RETURNS trigger AS $$
BEGIN
    UPDATE messages SET answered = 1 WHERE id = NEW.reply_to;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER messages_reply_marks_answered AFTER INSERT ON messages
FOR EACH ROW WHEN (NEW.reply_to IS NOT NULL)
EXECUTE FUNCTION calme_reply_marks_answered();
