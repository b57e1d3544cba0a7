//! The output guard (stub).

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Violation { SelfHarmMethod, MedicationDosage, WeaponInstructions, ClaimsHuman, ClaimsTherapist, PromisesSecrecy, FeelingsQuestion, TooLong, Empty }

pub fn guard_output(text: &str, max_chars: usize) -> Result<(), Violation> {
    if text.trim().is_empty() { return Err(Violation::Empty); }
    if text.chars().count() > max_chars { return Err(Violation::TooLong); }
    Ok(())
}
