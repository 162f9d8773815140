"""Build the labelled evaluation set ``data/eval_notes.jsonl``.

All notes are FICTIONAL.  They are written with inline markup
``[[K:text]]`` where K is one of

    N NAME   T PHONE   E EMAIL   I ID   A ADDRESS   D DATE
    U URL    H HANDLE  P PLACE   G AGE

The markup is stripped and the gold spans are recorded with offsets into the
clean text.  Notes listed under ``CYRL`` are written in Serbian Latin and
transliterated to Serbian Cyrillic here (except inside PHONE, EMAIL, ID, URL
and HANDLE spans, which stay as written), so about a third of the set is in
Cyrillic script.

Each note gets a ``split``: "dev" or "holdout" (every other note of each
language, decided by position, so the split does not depend on content).  The
rules were developed against "dev" only; "holdout" was scored at the end.

Run:  python tests/notes/anonymise/build_eval.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

KIND = {
    "N": "NAME", "T": "PHONE", "E": "EMAIL", "I": "ID", "A": "ADDRESS", "D": "DATE",
    "U": "URL", "H": "HANDLE", "P": "PLACE", "G": "AGE",
}
KEEP_LATIN = {"T", "E", "I", "U", "H"}

EN = r"""
Met [[N:Farshad Ahmadi]] today at the office. He is [[G:24]] and arrived from Iran via Turkey. He needs legal aid for his asylum interview.
[[N:Amina]] called from [[T:+381 64 123 4567]] asking about PrEP. She was referred to the clinic by a volunteer.
Client [[N:Mohammed al-Hassan]] ([[G:31]]) reports verbal harassment by other residents in [[P:Krnjača]]. Requested transfer to a safer room.
The client, a [[G:22-year-old]] trans woman from Afghanistan, asked for support with hormone therapy. No documents yet.
[[N:Yusuf Karimi]], born [[D:14/02/1999]], lost his passport ([[I:P8845123]]) on the way from [[P:Preševo]]. We contacted the police.
Email from [[N:Bilal]] ([[E:bilal.rahimi92@gmail.com]]): he will come on [[D:March 12th]] for the legal consultation.
Accompanied [[N:Ms. Okafor]] to the Asylum Office on [[D:12 March 2023]]. The interview lasted 4 hours; an interpreter for Igbo was not available.
He lives at [[A:Bulevar oslobođenja 5/3]] with two other men from Syria. The landlord asks for 200 EUR per month.
The partner of our client, [[N:Reza]], was detained near [[P:Subotica]]. Lawyer [[N:Marko Jovanović]] is following the case.
Instagram: [[H:@dariush.free]] - client says he was outed through this account and receives threats.
[[N:Hamid]] is [[G:17 years old]], unaccompanied, and stays in [[P:Bogovađa]]. Guardian appointed by the Centre for Social Work.
UNHCR case [[I:573-22C00418]]. Client [[N:Leila Mohammadi]] requests relocation for safety reasons.
Three clients attended the support group this week. Topics: housing, stigma at the health centre and access to ART. No incidents reported.
Case no. [[I:26-1487/23]]: the first-instance decision rejected the asylum claim. Appeal to be lodged within 15 days.
[[N:Abdullahi Warsame]] from Somalia ([[G:aged 29]]) asked for a Somali interpreter. His phone is [[T:0631234567]].
[[N:Tatiana]] ([[G:35]]) fled Russia after being detained at a Pride event. She stays with a friend in [[P:Zemun]].
Referral to psychologist sent. Client experiences panic attacks since the assault in the camp. Follow-up in two weeks.
We received a message on Telegram from [[H:@noor_bg]] asking for shelter. The person did not give a name.
Date of birth: [[D:03.07.1996]]. Name: [[N:Karim Haddad]]. Nationality: Syrian. Accommodation: [[P:Obrenovac]] asylum centre.
[[N:Ahmed]] and his boyfriend [[N:Omar]] were attacked near the bus station in [[P:Šid]] on [[D:2 October 2023]].
The [[G:19-year-old]] client from Cameroon, [[N:Blaise Nkoulou]], reports that he was forced to leave his family home.
Follow-up with [[N:Dr. Petrović]] about the HIV test results. Client consented to share the results with our counsellor.
Client moved from [[P:Tutin]] to a private flat. New address: [[A:Nemanjina 4]], Belgrade. Landlord knows about the situation.
[[N:Daria]] wrote to [[E:daria.k@proton.me]] - she needs a letter confirming her participation in our programme.
Note: Mr [[N:Kaveh Hosseini]] contacted us from [[T:+98 912 345 6789]] (Iranian number) before crossing into Serbia.
The Commissariat for Refugees and Migration informed us that the centre in Belgrade is full. Clients will be placed elsewhere.
[[N:Zainab]] says her brother [[N:Mustafa]] threatened to kill her if she comes back to Iraq. Risk assessment: high.
Passport number [[I:N04512378]], issued in Kabul. Client: [[N:Ahmad Shah Popalzai]], DOB [[D:1 January 2001]].
We met [[N:Jean-Pierre]] at the day centre. He is [[G:27]], from Burundi, and speaks French and Kirundi.
Visit to [[P:Principovac]]: two LGBTI residents asked to be moved. One reported that staff made jokes about him.
The trans client was misgendered by the doctor at the Health Centre. We filed a complaint to the Ombudsman on her behalf.
Her profile on Grindr, [[H:balkan_boy_97]], was used to blackmail her. Screenshots saved in the case file.
[[N:Emeka Chukwu]] was stopped by police in [[P:Sombor]] and his asylum certificate ([[I:AZ-0457/2023]]) was torn up.
Phone call with [[N:Olena]]'s mother in Ukraine. She asked us not to tell [[N:Olena]] about the call.
Client wants to apply for temporary protection under the Law on Asylum and Temporary Protection, Article 75.
ID card number [[I:008812345]] (Serbian ID of the partner, [[N:Nikola Stojanović]]). Partner will sign the rental contract.
Met with [[N:Sina]] and [[N:Arash]] in the park. Both stay in [[P:Adaševci]]; they want to move to Belgrade together.
[[N:Fatima Zahra Benali]], [[G:42]], from Morocco. She has diabetes and needs insulin. Referred to MSF clinic.
Client [[N:Rustam]] from Tajikistan was born on [[D:9 September 1988]]. He lost his job after the employer found out he is gay.
The client reported that the smuggler, called [[N:Abu Karim]], keeps his documents. Police informed on [[D:05/06/2023]].
Hotline call at 22:15. Caller described violence by his uncle. We arranged emergency accommodation for 3 nights.
WhatsApp [[T:+963 944 123 456]] - number of [[N:Yara]]'s sister in Damascus. Use only with consent.
[[N:Maryam]] is a [[G:twenty-six-year-old]] lesbian woman from Iran. She was in [[P:Banja Koviljača]] for two months.
Website with the client's photos: [[U:https://www.facebook.com/amir.tehrani.77]]. We asked Facebook to remove them.
Lawyer from the legal team sent the complaint. The court hearing is scheduled for next Monday at 10:00.
[[N:Samuel Tesfaye]] (Eritrea) asked about family reunification with his partner. He was registered in [[P:Vranje]].
Email: [[E:hassan.ali@yahoo.com]]; phone: [[T:064/987-65-43]]; prefers Viber.
Trans man [[N:Kian]], [[G:20]], needs a referral to an endocrinologist. He is currently living in [[P:Kikinda]].
The client said his name is [[N:Hope]]. He came from Nigeria in January 2022 and works informally.
[[N:Grace Adeyemi]] and her daughter stay at the safe house. The daughter is [[G:6 years old]].
Our client [[N:Murat Yılmaz]] from Turkey is afraid of being deported. Deportation order dated [[D:2023-11-03]].
He said that [[N:Will]] from the shelter helped him with the forms. We do not know the surname.
Accommodation request for two gay men from Syria. Both are in their twenties and have no income. Sent to the housing team.
Police report [[I:KU-1234/2023]] filed after the attack on [[D:17.08.2023]] near the railway station.
Client's TikTok [[H:@queen.of.sarajevo]] has 20k followers; she fears being recognised by her family.
[[N:Javad]] ([[G:aged 33]]) from Afghanistan, diagnosed with TB last year, finished treatment. Needs a certificate for the asylum office.
[[N:Lina]] lives with [[N:Sara]] in an apartment at [[A:Kralja Milana 23]]. They are a couple and hide it from their neighbours.
Transferred from [[P:Blažuj]] to Sarajevo for medical reasons. The client is HIV positive and adherent to treatment.
The mother of [[N:Abdul Rahman]] called from Kabul. He has not contacted her since [[D:14 July]].
Met [[N:Rania]] ([[G:28]]) and [[N:Hiba]] ([[G:25]]) at the protest. Both are from Lebanon and asked about legal status in Montenegro.
She was held at [[P:Spuž]] for 3 days after her arrest in [[P:Ulcinj]].
Viber: [[T:+387 61 234 567]]. Name of the contact: [[N:Edin]]. He hosts LGBTI people in Bosnia.
Group session: 8 participants, 2 facilitators. Topic: coming out and family. Feedback was positive.
[[N:Ibrahim Diallo]] was registered in [[P:Tabanovce]] and later crossed to Serbia. He says he is [[G:16]] but was registered as an adult.
The client's asylum interview was postponed to [[D:21 May 2024]]. Interpreter for Farsi confirmed.
[[N:Dmytro]] can be reached at [[E:dmytro.koval@ukr.net]] or on Signal [[T:+380 67 123 4567]].
A woman called [[N:Precious]] contacted us from [[P:Velika Kladuša]]. She says she is pregnant and has no access to a doctor.
According to IOM, 14 people were moved from the Bihać area last week. None of them contacted us.
Our colleague [[N:Ana]] will accompany the client to the hospital on Thursday.
Client [[N:Shirin]] wants her case file number [[I:AS-2023-0871]] changed to her new name [[N:Shervin]].
The perpetrator, [[N:Goran Nikolić]], is a guard at the centre. The incident happened on [[D:the 3rd of May 2023]].
The [[G:50-year-old]] client lost contact with his son. He is anxious and does not sleep.
Visited [[N:Sultan]] at the hospital in [[P:Novi Pazar]]. He had surgery and is recovering.
Contact person: [[N:Azra Mehić]], [[T:061 555 222]], social worker in [[P:Cazin]].
Support letter sent to the Embassy of Canada. No personal details were shared with the embassy by phone.
In May 2023 we supported 45 clients; 60% were from Afghanistan. Funding from UNHCR covered 3 months of rent.
Will the Commissariat accept the new rules? The meeting with IOM and the Ministry of Interior is planned for next week.
Hope and grace are words clients often use when they talk about the future. The group discussed faith and safety.
Between 2019 and 2022 the number of LGBTI asylum seekers in Serbia doubled, according to our annual report.
Contact details: [[E:m.nazari@outlook.com]], [[T:+381 (0)64 222 3344]], Instagram [[H:@mina_nazari]].
The client shared a link to his profile: [[U:instagram.com/tarek_beirut]]. He asked us to remove a photo from our page.
New address from [[D:1 April 2024]]: [[A:14 Green Street]], London. He was resettled through the UK scheme.
She can be reached via [[U:t.me/shadi_safe]] or by email [[E:shadi.safe@protonmail.com]].
Residence permit no. [[I:BG-772341]] expires on [[D:30/06/2025]]. Renewal appointment not yet booked.
The client's personal number (JMBG) is [[I:2507993715012]]; it appears on the temporary residence card.
Our lawyer [[N:Milena Đorđević]] called the police station at [[T:011 3061 234]] to ask about the detention.
Flat at [[A:ul. Cara Lazara 7]], 2nd floor, shared with [[N:Ali]] and [[N:Hussein]].
DOB [[D:11-09-2000]]; place of birth: Mazar-i-Sharif; nationality: Afghan. Name on the registration card: [[N:Abdul Wahid]].
We found his fundraising page at [[U:https://gofundme.com/f/help-for-yusuf]] and asked him to remove his address from it.
[[N:Noura]] asked us to write to her at [[E:noura1998@hotmail.com]] and not on WhatsApp, because her brother reads it.
Twitter handle [[H:@trans_voice_bg]] posts about conditions in the camps. The owner is [[N:Layla]], [[G:aged 27]].
The hearing was on [[D:Tuesday, 14 November 2023]]. The judge asked about his relationship with [[N:Davide]].
IBAN for the refund: [[I:RS35105008123123123173]]. Account holder: [[N:Yaroslav Bondarenko]].
Meeting point: [[A:Trg Nikole Pašića 2]]. [[N:Kofi]] will wait at the entrance at 5 pm.
"""

SR = r"""
Razgovarala sam danas sa [[N:Farshadom]]. Ima [[G:24 godine]] i došao je iz Irana preko Turske. Treba mu pravna pomoć za intervju.
Klijentkinja [[N:Amina Hadžić]], rođena [[D:12.03.1998.]], živi na adresi [[A:ul. Kralja Petra 12]], Beograd.
[[N:Ahmedu]] smo dali broj advokata. Njegov broj telefona je [[T:064 555 1234]].
Klijent je [[G:22-godišnji]] gej muškarac iz Avganistana. Smešten je u [[P:Krnjači]] od [[D:5. maja 2023]].
Na intervjuu u Kancelariji za azil klijent je rekao da se zove [[N:Mehdi]], ali u dokumentima piše [[N:Mahdi Rezaei]].
[[N:Jasmina]] je zvala sa broja [[T:+387 62 345 678]] i pitala za PrEP. Uputili smo je u Dom zdravlja.
Pasoš br. [[I:R1234567]] izdat u Damasku. Klijent: [[N:Karim Al-Sayed]], datum rođenja [[D:01.01.1990]].
Klijentkinja ima [[G:19 godina]] i trans je žena. Porodica u [[P:Tutinu]] joj preti.
Održana je radionica o pravima LGBTI osoba u azilu. Prisustvovalo je 12 osoba. Sledeća radionica je u aprilu.
Sa [[N:Aminom]] i njenom partnerkom [[N:Lejlom]] smo razgovarali o smeštaju u Sarajevu.
Predmet br. [[I:26-1234/23]] - prvostepena odluka je negativna. Žalba se podnosi u roku od 15 dana.
[[N:Ivana Petrović]], advokatica, zastupa klijenta. Kontakt: [[E:ivana.petrovic@advokati.rs]].
Klijent [[N:Omar]] je napadnut [[D:17. avgusta 2023.]] u [[P:Šidu]] ispred prodavnice. Policija je obaveštena.
Smeštaj u [[P:Obrenovcu]] nije bezbedan za trans osobe. Tražimo premeštaj za [[N:Nikolu]] i [[N:Saru]].
[[N:Yasin]] ([[G:17]]) je maloletan i bez pratnje. Staratelj je određen iz Centra za socijalni rad.
Instagram nalog [[H:@balkan.queer.refugee]] je prijavljen jer objavljuje fotografije klijenata.
Razgovor sa [[N:Dariušom]] je održan na farsiju uz prevodioca. Klijent traži psihološku podršku.
Klijent je rekao da ga je brat [[N:Hamid]] pretukao kada je saznao da je gej.
JMBG partnera: [[I:0101990710008]]. Partner [[N:Stefan Marković]] je spreman da potpiše ugovor o zakupu.
[[N:Sara]] živi u [[P:Zemunu]] sa cimerkom. Plaća 150 evra mesečno.
Sastanak sa predstavnicima Komesarijata za izbeglice i migracije održan je u utorak. Dogovorena je saradnja na smeštaju.
Klijentkinja [[N:Fatima]] ima [[G:33 godine]], iz Maroka je. Ima dijabetes i treba joj insulin.
Adresa: [[A:Bulevar kralja Aleksandra 73/2]], Beograd. Klijent tamo živi od [[D:1. februara]].
Telefon [[N:Reze]] je oduzet u [[P:Preševu]]. Novi broj: [[T:060 123 45 67]].
Evidencioni broj [[I:2023-BG-0457]]. Klijent [[N:Javad Karimi]] čeka odluku već 8 meseci.
[[N:Mustafa]] i [[N:Ali]] su par. Ali, u kampu to ne smeju da kažu.
Klijent je [[D:12. marta 2024.]] dobio rešenje o odobravanju supsidijarne zaštite.
[[N:Marija]] iz našeg tima je pratila [[N:Nour]] na pregled kod ginekologa.
Prema Zakonu o azilu i privremenoj zaštiti, član 35, tražilac ima pravo na besplatnu pravnu pomoć.
Klijent [[N:Emeka]] je rođen [[D:23.05.1995]] u Lagosu. Ima [[G:28 godina]].
Viber: [[T:+381 63 765 4321]]. Kontakt osoba: [[N:Dragana]].
Sa klijentom [[N:Arminom]] smo bili u policiji zbog prijave nasilja. Broj prijave: [[I:KU-789/2023]].
[[N:Hasan]] ([[G:45]]) je smešten u [[P:Bogovađi]]. Žali se na bolove u leđima.
Ukupno 5 klijenata je tražilo pomoć u julu. Troje je iz Irana, dvoje iz Avganistana.
Klijentkinja koju zovemo [[N:Roza]] ne želi da se njeno pravo ime navodi. Ima [[G:30 godina]].
Na Telegramu je [[H:@lejla_sa]]. Tamo joj pišu pretnje.
[[N:Milan]] iz Komesarijata je obećao da će [[N:Farah]] biti premeštena u [[P:Sjenicu]].
Klijent [[N:Rustam]] je bio zadržan u prihvatilištu za strance u [[P:Padinskoj Skeli]] od [[D:3. juna]] do [[D:10. juna]].
Email klijentkinje: [[E:sara.ahmadi1995@gmail.com]]. Datum rođenja [[D:15.08.1995]].
Klijent je dobio ličnu kartu za strance br. [[I:004512789]]. Važi do [[D:31.12.2025]].
Grupa podrške se sastaje svake srede. Teme su coming out, porodica i zdravlje.
[[N:Nadia]] je prijavila da je njen bivši partner [[N:Kamal]] prati i preti joj.
[[N:Olga Ivanova]], [[G:38]], iz Rusije. Pobegla je posle hapšenja na protestu. Sada je u [[P:Subotici]].
Sa [[N:Abdulom Rahmanom]] smo razgovarali o spajanju porodice.
Klijent ne želi da ostane u [[P:Tabanovcu]]. Želi da pređe u Srbiju i traži azil.
Klijent je u januaru 2023 stigao u Beograd. Spava u parku kod autobuske stanice.
Prijatelj [[N:Kerim]] ga je pozvao da živi sa njim u [[P:Bihaću]].
Partnerka klijentkinje, [[N:Dunja]], ima [[G:27 godina]] i radi kao medicinska sestra.
Klijentkinja je napisala pismo na adresu [[E:info.pomoc@gmail.com]] tražeći savet.
Broj predmeta: [[I:AZ-12/2024]]. Zahtev je podnet [[D:8. januara 2024]].
[[N:Ahmad]] je [[G:20-godišnjak]] iz Sirije. Živi u [[P:Adaševcima]] i radi na crno.
Pozvao nas je [[N:Suleiman]] sa broja [[T:+90 532 123 45 67]]. Trenutno je u Istanbulu.
Klijentkinji [[N:Mariam]] je potrebna pomoć oko hormonske terapije.
Policija je zaustavila [[N:Daniela]] i [[N:Kevina]] kod [[P:Horgoša]]. Oba su iz Kameruna.
Razgovarano sa socijalnim radnikom o smeštaju. Nema slobodnih mesta do kraja meseca.
Facebook profil: [[U:facebook.com/ali.reza.official]]. Klijent kaže da je lažan.
Sestra klijenta, [[N:Zahra]], živi u Nemačkoj. Broj: [[T:+49 1512 3456789]].
Klijent je [[G:21-godišnji]] Iračanin. Zove se [[N:Haidar]] i nema dokumente.
[[N:Senad]] iz [[P:Velike Kladuše]] nudi smeštaj LGBTI osobama. Kontakt preko organizacije.
Rešenje br. [[I:03-456/2023-7]] je dostavljeno klijentu [[D:4.4.2023]].
Klijentkinja [[N:Leila]] je trudna. Ima [[G:26 godina]] i sama je.
Sastanak sa advokatom [[N:Nenadom Popovićem]] je zakazan za ponedeljak.
Devojka iz Ukrajine, [[N:Olena]], ima [[G:23 godine]]. Živi u [[P:Pančevu]].
Klijent je prijavio krađu telefona. Nema drugih informacija.
Kod [[N:Dr Jovanović]] je klijent bio na pregledu. Nalaz je uredan.
Adresa smeštaja: [[A:Cara Dušana 15, stan 4]], Novi Sad.
[[N:Reza]] i [[N:Farid]] su napadnuti u [[P:Loznici]]. [[N:Reza]] ima povrede glave.
Klijentu [[N:Ibrahimu]] je odbijen zahtev za azil. Ima [[G:40 godina]] i boji se povratka.
Na Instagramu ga prate kao [[H:farid_bg95]]. Zamolili smo ga da zaključa profil.
Klijentkinja iz Burundija je [[G:25-godišnja]] lezbejka. Zove se [[N:Claudine]].
Smeštaj je obezbeđen kroz program IOM-a za sve troje. Ugovor traje 6 meseci.
[[N:Nebojša]] iz policije je rekao da se slučaj istražuje.
Klijent [[N:Amir]] je rođen [[D:1997. godine]] u Herat provinciji.
U maju 2023. godine podržali smo 45 klijenata, od toga 60% iz Avganistana. Troškovi smeštaja su pokriveni za 3 meseca.
Nada i vera su reči koje klijenti često koriste. Sloboda i mir su im najvažniji.
Dan kasnije, klijent je dobio odgovor od Ministarstva unutrašnjih poslova. Rok je 30 dana.
Kontakt: [[E:nemanja.r@gmail.com]], tel. [[T:+381 64 987 6543]], Telegram [[H:@nemanja_r]].
Klijent je poslao link na profil: [[U:https://www.instagram.com/amir.bgd/]]. Traži da se slike uklone.
Nova adresa od [[D:1. aprila 2024]]: [[A:Bulevar Mihajla Pupina 10a]], Novi Beograd.
Lična karta br. [[I:009123456]], izdata od PU za grad Beograd. Važi do [[D:20.10.2030.]]
Broj telefona klijentkinje je [[T:065/123-45-67]], a njenog partnera [[T:066 765 432]].
Klijent živi u ulici [[A:Vojvode Stepe 155]]. Stanodavac ne zna da je gej.
Mejl advokata: [[E:advokat.markovic@eunet.rs]]. Advokat [[N:Miloš Marković]] zastupa klijenta pred sudom.
Rodjen [[D:15.02.2002]], u Kabulu. Ime: [[N:Sohrab Jafari]]. Broj dokumenta: [[I:AF5551234]].
Na TikToku je [[H:@sahar.dance]] i ima mnogo pratilaca. Boji se da će je porodica prepoznati.
Sajt sa oglasom za posao: [[U:www.poslovi-beograd.rs/oglas/12345]]. Klijent je prevaren.
Klijentkinja stanuje na adresi [[A:Jevrejska 24]], Novi Sad. Tamo živi sa [[N:Tamarom]].
Broj zahteva za azil: [[I:AZ-4488/2024]]. Intervju zakazan za [[D:15. maj 2024]].
WhatsApp: [[T:+98 935 765 4321]]. Broj pripada majci klijenta u Teheranu.
Klijent je [[D:29.02.2024.]] dobio izbegličku legitimaciju br. [[I:IL-0089/24]].
Ali, situacija u centrima se nije promenila od 2019. godine. Zora je svanula kada smo stigli na granicu.
"""

CYRL = r"""
Klijent [[N:Farid Nazari]] ima [[G:27 godina]] i dolazi iz Avganistana. Smešten je u [[P:Krnjači]].
Razgovarali smo sa [[N:Faršadom]] o njegovom intervjuu u Kancelariji za azil.
[[N:Amina]] je rođena [[D:12.03.1999]]. Broj telefona: [[T:064 321 7654]].
Klijentkinja [[N:Nada]] ima [[G:31 godinu]]. Živi u [[P:Subotici]] i radi kao frizerka.
Pasoš broj [[I:K7788990]]. Klijent: [[N:Hosein Rezai]], iz Irana.
Trans žena [[N:Sahar]] ([[G:29]]) je prijavila nasilje u [[P:Obrenovcu]] od strane drugih korisnika.
Sastanak sa predstavnicima Komesarijata za izbeglice i migracije je održan u Beogradu. Razgovarano je o uslovima u centrima.
[[N:Jusuf]] je [[G:19-godišnji]] mladić iz Sirije. Njegov brat [[N:Ahmed]] je u Nemačkoj.
Adresa: [[A:ulica Nemanjina 4]], Beograd. Klijent tamo živi sa partnerom.
Klijent je [[D:5. marta 2023]] prešao granicu kod [[P:Preševa]].
Email: [[E:karim.haddad@gmail.com]]. Telefon: [[T:+381 65 111 2233]].
Sa [[N:Aminom]] smo bili kod lekara. Dobila je terapiju.
[[N:Mehmed]] ([[G:52]]) iz Turske traži azil zbog progona. Živi u [[P:Bujanovcu]].
Grupa podrške je održana u sredu. Bilo je 7 učesnika iz 4 zemlje.
Predmet broj [[I:26-5512/22]]. Žalba je odbijena [[D:14. novembra 2023]].
Klijentkinja [[N:Lejla Begović]] iz [[P:Cazina]] traži pomoć oko smeštaja u Sarajevu.
Partner klijenta, [[N:Marko]], nije znao za dijagnozu. Klijent želi da mu kaže uz podršku psihologa.
[[N:Rahim]] je rekao da mu je [[G:18 godina]], ali u papirima piše da je rođen [[D:2007. godine]].
Na Instagramu: [[H:@rahim.art]]. Objavljuje crteže.
Klijent [[N:Oleg]] iz Rusije je uhapšen na protestu. Ima [[G:34 godine]].
JMBG: [[I:1505985715023]]. Partnerka [[N:Milica Ilić]] je državljanka Srbije.
Klijentkinja koja se zove [[N:Vera]] ima problem sa stanodavcem. Duguje kiriju za 2 meseca.
Razgovor sa [[N:Hamzom]] je prekinut jer nije bilo prevodioca za paštu.
Klijent je [[D:1.2.2024]] premešten iz [[P:Sjenice]] u [[P:Tutin]].
[[N:Zainab]] je [[G:24-godišnja]] žena iz Iraka. Želi da radi kao frizerka.
Održana je obuka za zaposlene u centrima o pravima LGBTI osoba. Učestvovalo je 20 osoba iz 5 centara.
Kontakt telefon partnera: [[T:+381 61 234 5678]]. Ime: [[N:Nemanja]].
Klijent [[N:Samir]] je napadnut u [[P:Šidu]]. Prijava je podneta policiji [[D:20.09.2023]].
[[N:Ibrahim]] živi na adresi [[A:Bulevar oslobođenja 88]], Novi Sad.
Klijentkinja je rekla da joj je ime [[N:Mariam]] i da ima [[G:22 godine]].
Sa klijentom [[N:Kavehom]] smo razgovarali o PrEP terapiji.
[[N:Abdulah]] je prijavio da ga je krijumčar [[N:Abu Omar]] tukao u [[P:Horgošu]].
Klijent je dobio rešenje br. [[I:03-12/2023-44]] kojim mu je odobren azil.
U [[P:Kikindi]] je bilo 12 ljudi. Niko od njih nije tražio pomoć.
Sestra klijentkinje, [[N:Roza]], živi u [[P:Pirotu]].
[[N:Daniel]] iz Kameruna ima [[G:26 godina]]. Bavi se fudbalom.
Klijent je prijavio gubitak lične karte broj [[I:009876543]].
Smeštaj je u [[P:Adaševcima]]. Klijent kaže da tamo ima sukoba.
Pravna pomoć je pružena za 3 klijenta. Dvoje su dobili pozitivnu odluku.
[[N:Fatma]] je rođena u [[D:maju 1990.]] godine u Alepu.
Telegram: [[H:@fatma_aleppo]]. Klijentkinja ne želi da je zovemo telefonom.
Klijent [[N:Ali Reza Mohammadi]] ([[G:41]]) boluje od tuberkuloze.
[[N:Jovana]] iz našeg tima je otišla sa klijentom u Dom zdravlja.
Adresa klijentkinje: [[A:Karađorđeva 15]], Beograd. Sa njom živi i [[N:Ana]].
Klijent je prešao granicu [[D:10. oktobra]] i odmah je zatražio azil.
[[N:Kamila]] ima [[G:18 godina]]. Njeni roditelji ne znaju gde je.
[[N:Ahmad]] i [[N:Sina]] su smešteni u [[P:Bogovađi]]. Traže premeštaj u Beograd.
U Sarajevu je održan sastanak organizacija civilnog društva iz regiona. Bilo je 30 učesnika.
Broj telefona majke: [[T:+93 70 123 4567]]. Živi u Kabulu.
Klijentkinja [[N:Jelena]] je prijavila diskriminaciju na poslu.
Klijent [[N:Bašir]] je [[D:3. januara 2024]] dobio poziv za intervju.
Razgovarali smo sa [[N:Nadom]] o njenim pravima. Ima [[G:36 godina]].
[[N:Hasan]] i [[N:Husein]] su braća. Obojica su iz [[P:Velike Kladuše]].
Klijentu je potrebna potvrda za školu. Ima [[G:16 godina]] i želi da nastavi obrazovanje.
Klijent je napisao na [[E:omid.rad@yahoo.com]] da mu je potrebna pomoć.
Klijent [[N:Omid]] je u bolnici u [[P:Vranju]].
Sa [[N:Sarom]] je razgovarano o smeštaju u sigurnoj kući.
Ukupno je 15 klijenata dobilo pravnu pomoć u prvom kvartalu. Najviše iz Irana i Avganistana.
Brat [[N:Mustafe]] je nestao na putu kroz Bosnu.
[[N:Hamid Karimi]], datum rođenja [[D:22.11.1993]], boravi u [[P:Tutinu]].
Klijent je dobio dozvolu za rad broj [[I:RD-2024-1187]].
[[N:Milan Jovanović]] iz Centra za socijalni rad je staratelj dečaka.
Klijentkinja [[N:Zara]] je [[G:21-godišnja]] trans žena. Živi u [[P:Zemunu]].
Policija je zadržala klijenta u [[P:Dimitrovgradu]] 2 dana.
Klijent [[N:Reza]] kaže da mu je telefon [[T:063 998 7766]].
[[N:Ahmed]] je stigao iz [[P:Bihaća]] pre nedelju dana.
Klijentkinja želi da promeni ime u dokumentima. Ima podršku advokata.
Klijent se zove [[N:Said]]. Ima [[G:30 godina]] i pobegao je iz Alžira.
[[N:Milica]] je partnerka klijentkinje [[N:Amire]].
Razgovor je vođen na engleskom jeziku. Klijent ne želi prevodioca.
Od januara do juna 2024. godine pomoć je dobilo 80 osoba. Najviše iz Irana.
Ljubav i sloboda su bile teme radionice. Učesnici su pričali o porodici.
Sastanak je bio u 10.30 časova u Beogradu. Prisustvovalo je 6 organizacija.
Ali, niko nije došao na vreme. Mila nam je bila ta podrška, rekli su učesnici.
Kontakt: [[E:leila.sadeghi@gmail.com]], telefon [[T:+381 63 444 5566]], Instagram [[H:@leila.sadeghi]].
Klijent je poslao link [[U:https://t.me/hamid_help]] preko kojeg prodaje stvari.
Nova adresa od [[D:15. maja 2024]]: [[A:Bulevar Zorana Đinđića 45]], Novi Beograd.
Lična karta broj [[I:008765432]] je izgubljena. Klijent je to prijavio policiji.
Telefon: [[T:060 555 4433]]. Klijentkinja se javlja samo uveče.
Klijent živi u ulici [[A:Kneza Miloša 20]], Beograd, sa dvojicom prijatelja.
Mejl: [[E:dejan.ilic@yahoo.com]]. [[N:Dejan Ilić]] je volonter u našoj organizaciji.
Rođena [[D:07.07.2001]], u Teheranu. Ime: [[N:Negar Kazemi]]. Broj pasoša: [[I:Z40012345]].
Na Tiktoku je [[H:@negar.k.dance]]. Porodica je pronašla njen profil.
Sajt: [[U:www.pomoc-izbeglicama.org/prijava]] je lažan. Klijentkinja je tamo ostavila podatke.
Klijent stanuje na adresi [[A:Jevrejska 12]], Novi Sad, sa [[N:Luka]].
Broj predmeta: [[I:26-998/24]]. Saslušanje je [[D:3. juna 2024]].
Viber: [[T:+90 555 444 3322]]. Broj pripada prijatelju u Istanbulu.
Klijent je [[D:12.12.2023.]] dobio legitimaciju tražioca azila br. [[I:LT-5566/23]].
"""


# Second batch, written to be harder: lower case, no diacritics, names
# without cues, rare origins, more formats.
EN2 = r"""
met [[N:farshad]] again at the park near the bus station. he says [[N:siavash]] from [[P:obrenovac]] owes him money.
[[N:Chukwuemeka]] came alone today. He is worried about his HIV results and asked if [[N:Ngozi]] can come next time.
[[N:Baryalai]]? No - the client's name is [[N:Baryalai Stanekzai]], he is [[G:twenty-three years old]] and was a student in Kabul.
[[N:Oksana]] told us that [[N:Viktoriia]]'s husband hit her again on [[D:12/3/2023]]. Both women now live at the shelter.
The appointment was moved to [[D:2024-02-19]]. [[N:Tigist]] will bring her daughter because there is no childcare.
NAME: [[N:ABDIRAHMAN HIRSI]]. DOB: [[D:01 JAN 1997]]. PHONE: [[T:00381 60 765 4321]]. PLACE OF STAY: [[P:VINOJUG]].
She said her girlfriend is [[G:19]] and that they met in [[P:Tabanovce]] last summer.
Client was moved from [[P:Usivak]] to [[P:Delijaš]] after the attack; [[N:Mirwais]] was moved with him.
Call back [[N:Mr. Zulfiqor]] on [[T:(011) 234-5678]] between 9 and 5.
[[N:Siddiq]] posts as [[H:@siddiq.k]] on IG and as [[H:siddiq_kabul]] on Telegram.
Address for the letter: [[A:27 Oxford Road]], Manchester. The client's cousin [[N:Latifa]] lives there.
Transferred to the asylum centre in [[P:Bogovadja]]; his proGres number is [[I:123-00045678]].
On [[D:the fifth of June]] [[N:Samira]] was taken to hospital by ambulance.
The client is a [[G:16 y.o.]] boy from Pakistan travelling with his uncle [[N:Tariq]].
A volunteer saw [[N:Ahmadullah]] sleeping outside the [[P:Lipa]] camp. He had no shoes.
"""

SR2 = r"""
razgovor sa [[N:ahmedom]] je obavljen u kancelariji. rekao je da je [[N:mehdi]] u [[P:sidu]].
[[N:Farshadu]] je potreban advokat. Kontakt njegove sestre je [[T:+381-64-333-2211]].
Klijent je [[G:dvadeset cetiri godine]] star... ne, ima [[G:dvadeset četiri godine]] i dolazi iz Pakistana.
Rodjen je [[D:12. III 1994.]] u Kandaharu. Ime: [[N:Nasrullah Ahmadzai]].
Smesten je u [[P:Banji Koviljači]], a njegov partner [[N:Aliju]] je u [[P:Tutinu]].
Sa [[N:Mehdijem]] smo razgovarali o PrEP-u. Sledeći sastanak je [[D:28.02.]]
Klijentkinja [[N:Mariana]] iz Kube ima [[G:34 g.]] i radi u pekari.
Ulica [[A:Maršala Tita bb]], [[P:Preševo]] - tu je klijent smešten privremeno.
Evidencioni broj: [[I:45821]]. Klijent [[N:Yonas Tesfay]] iz Eritreje čeka intervju.
[[N:Nikoli]] i [[N:Saši]] je rečeno da ne mogu zajedno u sobu u [[P:Krnjaci]].
Na Telegramu ga možete naći kao [[H:kurdish_boy]]. Pravo ime mu je [[N:Rebin]].
[[N:Oksani]] je odbijen zahtev. Ona ima [[G:41 godinu]] i bolesna je.
Poziv od [[N:Abdulaha]] sa broja [[T:0038765123456]]. Nalazi se u [[P:Usivku]].
Klijentkinja je [[D:dvanaestog marta]] prijavila napad policiji.
Klijent je prebačen u kamp [[P:Lipa]] kod Bihaća, zajedno sa [[N:Karimom]].
"""

CYRL2 = r"""
razgovor sa [[N:faršadom]] je održan u centru. on kaže da je [[N:hamid]] otišao u [[P:subotici]].
Klijentkinja [[N:Tatjana]] iz Ukrajine ima [[G:dvadeset devet godina]].
Rođen je [[D:3. aprila 1999.]] Broj telefona: [[T:+381 62 987 6543]].
Klijent je smešten u [[P:Vinojugu]], a zatim prebačen u [[P:Tabanovce]].
Sa [[N:Aminom]] i [[N:Mehdijem]] smo bili u policiji zbog prijave.
Ime i prezime: [[N:Ahmad Jawid Sultani]]. Datum rođenja: [[D:15.06.1992]].
Klijent živi na adresi [[A:ulica Kralja Milutina 33]], Beograd.
[[N:Said]] je rekao da ga je brat [[N:Jusuf]] pretio nožem.
Broj predmeta [[I:26-4411/23]]. Klijentkinja [[N:Parisa]] čeka rešenje.
Na Instagramu je [[H:@parisa_free]]. Tamo dobija pretnje.
Klijent ima [[G:17 godina]] i bez pratnje je. Smešten je u [[P:Sjenici]].
[[N:Olegu]] je potrebna pomoć oko smeštaja. Kontakt: [[E:oleg.petrenko@mail.ru]].
Klijent je [[D:20. januara]] prešao granicu kod [[P:Dimitrovgrada]].
Sa [[N:Nadom]] smo razgovarali o terapiji. [[N:Nada]] ima [[G:44 godine]].
Partner klijenta, [[N:Ivan Petrović]], radi u [[P:Pančevu]].
"""


# --------------------------------------------------------------------------
_LAT2CYR_DI = {"lj": "љ", "Lj": "Љ", "LJ": "Љ", "nj": "њ", "Nj": "Њ", "NJ": "Њ",
               "dž": "џ", "Dž": "Џ", "DŽ": "Џ"}
_LAT2CYR = dict(zip(
    "abcčćdđefghijklmnoprsštuvzžABCČĆDĐEFGHIJKLMNOPRSŠTUVZŽ",
    "абцчћдђефгхијклмнопрсштувзжАБЦЧЋДЂЕФГХИЈКЛМНОПРСШТУВЗЖ",
))


def to_cyrillic(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        two = text[i:i + 2]
        if two in _LAT2CYR_DI:
            out.append(_LAT2CYR_DI[two])
            i += 2
            continue
        out.append(_LAT2CYR.get(text[i], text[i]))
        i += 1
    return "".join(out)


RE_MARK = re.compile(r"\[\[([NTEIADUHPG]):(.+?)\]\]")


def parse(marked: str, cyrillic: bool = False) -> tuple[str, list[dict]]:
    out: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for m in RE_MARK.finditer(marked):
        plain = marked[pos:m.start()]
        if cyrillic:
            plain = to_cyrillic(plain)
        out.append(plain)
        length += len(plain)
        k, body = m.group(1), m.group(2)
        if cyrillic and k not in KEEP_LATIN:
            body = to_cyrillic(body)
        spans.append({"start": length, "end": length + len(body), "kind": KIND[k]})
        out.append(body)
        length += len(body)
        pos = m.end()
    tail = marked[pos:]
    out.append(to_cyrillic(tail) if cyrillic else tail)
    return "".join(out), spans


def build() -> list[dict]:
    notes = []
    for lang, blocks, cyr in (("en", (EN, EN2), False), ("sr", (SR, SR2), False), ("sr-Cyrl", (CYRL, CYRL2), True)):
        lines = [ln.strip() for b in blocks for ln in b.strip().splitlines() if ln.strip()]
        for i, line in enumerate(lines):
            text, spans = parse(line, cyr)
            for sp in spans:
                assert text[sp["start"]:sp["end"]].strip() == text[sp["start"]:sp["end"]], line
            notes.append({
                "id": f"{lang}-{i + 1:03d}",
                "lang": lang,
                "split": "dev" if i % 2 == 0 else "holdout",
                "text": text,
                "spans": spans,
            })
    return notes


def main() -> None:
    path = Path(__file__).parent / "data" / "eval_notes.jsonl"
    notes = build()
    with path.open("w", encoding="utf-8") as fh:
        for n in notes:
            fh.write(json.dumps(n, ensure_ascii=False) + "\n")
    print(f"wrote {len(notes)} notes to {path}")


if __name__ == "__main__":
    main()
