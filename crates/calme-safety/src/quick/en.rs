//! English Quick Mode templates: [step][situation], situation order
//! Sirens, Panic, ChildWriter, PhysicalHarm, General, Risk, Violence.

pub(crate) const T: [[&[&str]; 7]; 4] = [
    // 1 Commitment
    [
        &["I'm here with you, and I'm staying with you until the siren is over.", "You're not alone in this. I'm right here with you while you wait in the shelter."],
        &["I'm here with you. This wave is strong, and I'm staying right here while it passes.", "You're not alone right now. I'm with you, and we'll go through the next minutes together."],
        &["I'm here with you. You did a good thing by writing to me.", "I'm right here. You're not alone, and we'll figure out the next step together."],
        &["I'm here with you, and I'm staying in this conversation while help comes.", "You're not alone. I'm right here with you, step by step."],
        &["I'm here with you, and I'm not going anywhere.", "You're not alone in this. I'm staying right here with you.", "I'm with you now. We'll take this one step at a time, together."],
        &["I'm here with you, and I'm staying right here. Thank you for telling me.", "You're not alone with this right now. I'm here, and we'll take the next minutes one at a time."],
        &["I'm here with you. What is happening to you is not your fault.", "You're not alone with this. I'm staying right here with you."],
    ],
    // 2 Activation
    [
        &["Let's make the room as safe as you can: is the door closed? Sit low, against an inside wall, and tell me when you're there.", "One task: check that everyone with you is inside the protected space. Count them and write me the number."],
        &["Let's do one thing together: breathe out slowly, longer than you breathe in. Do it three times and type a number after each one.", "Press both feet into the floor and push down hard for five seconds. Tell me when you've done it."],
        &["Can you hold something soft, like a pillow or a toy? Tell me what you picked.", "Let's do a job together: sit next to a wall and put your hands on your knees. Write me 'done' when you're ready."],
        &["If nobody has called the emergency number yet, please call now, then write me 'called'.", "Get one thing ready for when help comes: write down your exact address, or send it to someone you trust. Tell me when it's done."],
        &["Let's do one small thing now: drink a glass of water and tell me when it's done.", "Pick one task for the next five minutes, like washing your face or putting on something warm. Which one will you do?", "Pick up one object near you and tell me three things about it: its colour, its weight, what it's for."],
        &["Please call or text one of the lines below now, or someone you trust, and write me 'done' when you've reached them.", "Can you put anything you could hurt yourself with out of reach: hand it to someone, or lock it away? Tell me when it's done.", "If you have already taken something or hurt yourself, call the emergency number now, then write me 'called'."],
        &["If you are in danger right now, call the emergency number, or go to a room you can lock. Tell me when you're somewhere safer.", "If it is safe to, contact one of the lines below or someone you trust, and tell them where you are. Write me when you've done it."],
    ],
    // 3 Thinking questions
    [
        &["How many people are in the room with you right now?", "What will be the first thing you do when the all-clear comes?"],
        &["Name three things you can see around you and two things you can hear.", "What time is it now, and what were you doing an hour ago?"],
        &["Who is a grown-up you can call or go to? What is their name?", "Can you tell me three things that are in the room with you?"],
        &["Where exactly are you: street, building, floor? Write it down so you can tell the ambulance.", "Who is with you right now, and what is each of you doing?"],
        &["What do you need to get done in the next hour?", "Who is one person you could contact today, and what would you write to them?", "What is one thing you have already done today that helped, even a little?"],
        &["Who is one person who could be with you tonight, or on the phone with you right now?", "Where are you right now, and who is nearby?"],
        &["Is there a place you could go tonight: a friend, family, a neighbour? Who is the first person you would call?", "Where are you right now, and where is the person who hurt you?"],
    ],
    // 4 Chronology
    [
        &["Let's put it in order: the siren started, you went to the protected space, and now you're here with me. What comes next after the all-clear?", "First the alert, then you moved to safety, and now you're waiting it out. What will you do in the next hour?"],
        &["The wave came, it peaked, and it's easing now. What did you do just before it started, and what will you do next?", "Let's go in order: where were you when it started, what helped, and what's your next step?"],
        &["First something scary happened, then you went somewhere safe, and now you're talking to me. What do you want to do next?", "Let's put it in order: what happened first, what happened after that, and where are you now?"],
        &["Step by step: what happened, who did you call, and what happens next?", "Let's put it in order: when did it happen, what has been done since, and what's the next thing to do?"],
        &["Let's put it in order: what happened first, what came next, and where are you now?", "What happened today, step by step? And what is the next thing you will do?", "It has a beginning, a middle and now. What happened at the start, and what's your plan for this evening?"],
        &["This moment is very hard, and moments like this pass. What is the one thing you'll do in the next ten minutes?", "Let's take only the next hour: who will you be with, and where?"],
        &["Let's take only tonight: where will you sleep, and who will know where you are?", "First what happened, then where you are now, then the next step: what is the one thing you'll do in the next hour?"],
    ],
];
